package dev.kurz.link;

import java.util.List;
import java.util.Set;

/**
 * The columns of a link in CSV, named as in the JSON answers. An export writes them in
 * this order; an import reads them by name and needs only {@link #REQUIRED}.
 */
public final class LinkColumns {

	public static final String ID = "id";

	public static final String USER_ID = "user_id";

	public static final String SHORT_CODE = "short_code";

	public static final String ORIGINAL_URL = "original_url";

	public static final String TITLE = "title";

	public static final String IS_ACTIVE = "is_active";

	public static final String CREATED_AT = "created_at";

	public static final String UPDATED_AT = "updated_at";

	public static final String EXPIRES_AT = RuleFields.EXPIRES_AT;

	public static final String EXPIRED_URL = RuleFields.EXPIRED_URL;

	public static final String MAX_CLICKS = RuleFields.MAX_CLICKS;

	public static final String REDIRECT_TYPE = RuleFields.REDIRECT_TYPE;

	public static final String FORWARD_QUERY = RuleFields.FORWARD_QUERY;

	public static final List<String> ALL = List.of(ID, USER_ID, SHORT_CODE, ORIGINAL_URL, TITLE, IS_ACTIVE, CREATED_AT,
			UPDATED_AT, EXPIRES_AT, EXPIRED_URL, MAX_CLICKS, REDIRECT_TYPE, FORWARD_QUERY);

	public static final Set<String> REQUIRED = Set.of(SHORT_CODE, ORIGINAL_URL);

	private LinkColumns() {
	}

}
