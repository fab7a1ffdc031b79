package dev.kurz.web;

import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.PageRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListParamsTests {

	@Test
	void noPagingParametersMeanEveryRow() {
		assertThat(ListParams.page(null, null)).isEqualTo(PageRequest.ALL);
	}

	@Test
	void missingPageOrPerPageTakeTheirDefaults() {
		assertThat(ListParams.page("3", null)).isEqualTo(new PageRequest(3, 20));
		assertThat(ListParams.page(null, "5")).isEqualTo(new PageRequest(1, 5));
	}

	@Test
	void perPageIsCappedAt100() {
		assertThat(ListParams.page("1", "101")).isEqualTo(new PageRequest(1, 100));
		assertThat(ListParams.page("1", "100")).isEqualTo(new PageRequest(1, 100));
	}

	@Test
	void badPagingValuesNameEachParameter() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ListParams.page("0", "abc"))
			.satisfies((ex) -> assertThat(ex.fields()).containsOnlyKeys("page", "per_page"));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ListParams.page("99999999999", null));
	}

	@Test
	void idsArePositiveIntegers() {
		assertThat(ListParams.id(null, "user_id")).isNull();
		assertThat(ListParams.id("42", "user_id")).isEqualTo(42L);
		for (String bad : new String[] { "0", "-1", "abc", "1.5", "" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad)
				.isThrownBy(() -> ListParams.id(bad, "user_id"))
				.satisfies((ex) -> assertThat(ex.fields()).containsOnlyKeys("user_id"));
		}
	}

	@Test
	void flagsAreTrueOrFalse() {
		assertThat(ListParams.flag(null, "is_active")).isNull();
		assertThat(ListParams.flag("true", "is_active")).isTrue();
		assertThat(ListParams.flag("FALSE", "is_active")).isFalse();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ListParams.flag("1", "is_active"));
	}

}
