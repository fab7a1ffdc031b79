package dev.kurz.imports;

import java.time.Instant;

import dev.kurz.link.LinkColumns;
import dev.kurz.support.Api;
import dev.kurz.support.HttpTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The links CSV's optional rule columns. */
class UrlRuleImportTests extends HttpTest {

	@Test
	void ruleColumnsAreImportedAndShown() {
		String csv = String.join(",", LinkColumns.ALL) + "\n"
				+ "30,,Ruled,https://example.com/r,,True,2025-06-09 11:24:49,,2030-01-01T00:00:00Z,"
				+ "https://example.com/over,50,301,true\n"
				+ "31,,Expired,https://example.com/e,,True,,,2020-01-01 00:00:00,,,,\n";

		Api.Response response = this.api.upload("/urls/bulk", "file", csv);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isEqualTo(2);
		JsonNode ruled = this.api.get("/urls/30").json();
		assertThat(Instant.parse(ruled.get("expires_at").stringValue()))
			.isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
		assertThat(ruled.get("expired_url").stringValue()).isEqualTo("https://example.com/over");
		assertThat(ruled.get("max_clicks").longValue()).isEqualTo(50);
		assertThat(ruled.get("redirect_type").intValue()).isEqualTo(301);
		assertThat(ruled.get("forward_query").booleanValue()).isTrue();
		JsonNode expired = this.api.get("/urls/31").json();
		assertThat(Instant.parse(expired.get("expires_at").stringValue()))
			.isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(expired.get("max_clicks").isNull()).isTrue();
		assertThat(expired.get("redirect_type").intValue()).isEqualTo(302);
		assertThat(expired.get("forward_query").booleanValue()).isFalse();
	}

	@Test
	void aFileWithoutRuleColumnsGivesTheDefaults() {
		Api.Response response = this.api.upload("/urls/bulk", "file",
				"short_code,original_url\nPlainOne,https://example.com/p\n");

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode link = this.api.get("/urls").json().get(0);
		assertThat(link.get("expires_at").isNull()).isTrue();
		assertThat(link.get("expired_url").isNull()).isTrue();
		assertThat(link.get("max_clicks").isNull()).isTrue();
		assertThat(link.get("redirect_type").intValue()).isEqualTo(302);
		assertThat(link.get("forward_query").booleanValue()).isFalse();
	}

	@Test
	void rowsWithBadRuleValuesAreSkippedAndCounted() {
		String csv = """
				short_code,original_url,expires_at,expired_url,max_clicks,redirect_type,forward_query
				GoodRule,https://example.com/g,2031-05-01T10:00:00+02:00,,1,308,false
				BadExpiry,https://example.com/b,someday,,,,
				BadExpiredUrl,https://example.com/b,,ftp://example.com,,,
				ZeroCap,https://example.com/b,,,0,,
				BadStatus,https://example.com/b,,,,303,
				BadNumber,https://example.com/b,,,,3o1,
				BadFlag,https://example.com/b,,,,,perhaps
				""";

		Api.Response response = this.api.upload("/urls/bulk", "file", csv);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("imported").intValue()).isEqualTo(1);
		assertThat(response.json().get("skipped").intValue()).isEqualTo(6);
		JsonNode link = this.api.get("/urls").json().get(0);
		assertThat(link.get("short_code").stringValue()).isEqualTo("GoodRule");
		assertThat(Instant.parse(link.get("expires_at").stringValue()))
			.isEqualTo(Instant.parse("2031-05-01T08:00:00Z"));
		assertThat(link.get("redirect_type").intValue()).isEqualTo(308);
	}

}
