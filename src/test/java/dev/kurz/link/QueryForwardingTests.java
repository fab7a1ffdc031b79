package dev.kurz.link;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryForwardingTests {

	@Test
	void addsTheQueryToATargetWithoutOne() {
		assertThat(QueryForwarding.merge("https://example.com/page", "utm_source=x&b=2"))
			.isEqualTo("https://example.com/page?utm_source=x&b=2");
	}

	@Test
	void keepsTheTargetsParametersFirstAndTheirValuesWhenBothNameOne() {
		assertThat(QueryForwarding.merge("https://example.com/p?b=1&a=target", "a=short&c=3&b=9"))
			.isEqualTo("https://example.com/p?b=1&a=target&c=3");
	}

	@Test
	void comparesNamesAsDecoded() {
		assertThat(QueryForwarding.merge("https://example.com/?utm_source=mail", "utm%5Fsource=web&x=1"))
			.isEqualTo("https://example.com/?utm_source=mail&x=1");
	}

	@Test
	void putsTheParametersBeforeTheFragment() {
		assertThat(QueryForwarding.merge("https://example.com/p?a=1#section", "b=2"))
			.isEqualTo("https://example.com/p?a=1&b=2#section");
		assertThat(QueryForwarding.merge("https://example.com/p#top", "b=2"))
			.isEqualTo("https://example.com/p?b=2#top");
	}

	@Test
	void leavesTheTargetAloneWithoutAQueryOrWhenEveryParameterIsTaken() {
		assertThat(QueryForwarding.merge("https://example.com/p?a=1", null)).isEqualTo("https://example.com/p?a=1");
		assertThat(QueryForwarding.merge("https://example.com/p?a=1", "")).isEqualTo("https://example.com/p?a=1");
		assertThat(QueryForwarding.merge("https://example.com/p?a=1", "a=2&&")).isEqualTo("https://example.com/p?a=1");
	}

	@Test
	void joinsAnEmptyOrOpenTargetQueryWithoutAnExtraSeparator() {
		assertThat(QueryForwarding.merge("https://example.com/p?", "b=2")).isEqualTo("https://example.com/p?b=2");
		assertThat(QueryForwarding.merge("https://example.com/p?a=1&", "b=2"))
			.isEqualTo("https://example.com/p?a=1&b=2");
	}

	@Test
	void keepsValidEscapesAndEncodesWhatAQueryMayNotHold() {
		assertThat(QueryForwarding.merge("https://example.com/", "q=caf%C3%A9&r=100%&s=a b#c&t=ü&u=😀&v=x+y"))
			.isEqualTo("https://example.com/?q=caf%C3%A9&r=100%25&s=a%20b%23c&t=%C3%BC&u=%F0%9F%98%80&v=x+y");
	}

	@Test
	void keepsRepeatedParametersTheTargetDoesNotName() {
		assertThat(QueryForwarding.merge("https://example.com/?a=1", "tag=x&tag=y&a=2"))
			.isEqualTo("https://example.com/?a=1&tag=x&tag=y");
	}

	@Test
	void decodesPlusAsSpaceAndLeavesBrokenEscapesAsWritten() {
		assertThat(QueryForwarding.decode("a+b%20c%zz%4")).isEqualTo("a b c%zz%4");
		assertThat(QueryForwarding.decode("%E4%B8%AD")).isEqualTo("中");
	}

}
