package dev.kurz.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageRequestTests {

	@Test
	void allHasNoLimit() {
		assertThat(PageRequest.ALL.isAll()).isTrue();
		assertThat(PageRequest.ALL.offset()).isZero();
		assertThat(PageRequest.ALL.sqlLimit()).isEmpty();
	}

	@Test
	void pagesAreOneBased() {
		assertThat(new PageRequest(1, 20).sqlLimit()).isEqualTo(" LIMIT 20 OFFSET 0");
		assertThat(new PageRequest(3, 25).sqlLimit()).isEqualTo(" LIMIT 25 OFFSET 50");
		assertThat(new PageRequest(3, 25).isAll()).isFalse();
	}

	@Test
	void farPagesDoNotOverflow() {
		assertThat(new PageRequest(Integer.MAX_VALUE, 100).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 100);
	}

}
