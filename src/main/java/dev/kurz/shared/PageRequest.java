package dev.kurz.shared;

/**
 * A window over an ordered list. {@link #ALL} means every row: existing clients call
 * lists without {@code page}/{@code per_page} and expect the whole set, streamed.
 */
public record PageRequest(int page, int perPage) {

	public static final int DEFAULT_PER_PAGE = 20;

	public static final int MAX_PER_PAGE = 100;

	public static final PageRequest ALL = new PageRequest(1, Integer.MAX_VALUE);

	public boolean isAll() {
		return this.perPage == Integer.MAX_VALUE;
	}

	public long offset() {
		return isAll() ? 0 : (long) (this.page - 1) * this.perPage;
	}

	/** SQL suffix for the window; values are ints, never user text. */
	public String sqlLimit() {
		return isAll() ? "" : " LIMIT " + this.perPage + " OFFSET " + offset();
	}

}
