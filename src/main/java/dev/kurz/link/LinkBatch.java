package dev.kurz.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kurz.shared.BadRequestException;
import dev.kurz.shared.Caller;
import dev.kurz.shared.ConflictException;
import dev.kurz.shared.InvalidInputException;
import dev.kurz.shared.NotFoundException;
import dev.kurz.shared.PayloadTooLargeException;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /urls/batch}: up to {@value #MAX_ITEMS} links shaped like
 * {@code POST /urls}' body, each validated and created on its own, so that one bad item
 * does not stop the others. An item fails with the status that {@code POST /urls} would
 * answer for it alone (422 invalid, 404 unknown user, 409 code taken); a failure of the
 * service itself (PostgreSQL down) fails the whole request, after the items before it
 * were created.
 */
class LinkBatch {

	static final int MAX_ITEMS = 1000;

	/** Items that count as one write for the write rate limit. */
	static final int ITEMS_PER_WRITE = 10;

	private final LinkService links;

	private final TargetRules targets;

	LinkBatch(LinkService links, TargetRules targets) {
		this.links = links;
		this.targets = targets;
	}

	/** The writes a batch of {@code items} counts as: one per ten items, rounded up. */
	static int writeCost(int items) {
		return Math.max(1, (items + ITEMS_PER_WRITE - 1) / ITEMS_PER_WRITE);
	}

	/** Checks the body's shape: a JSON array of at most {@value #MAX_ITEMS} items. */
	static List<JsonNode> items(JsonNode body) {
		if (body == null || !body.isArray()) {
			throw new BadRequestException("the body must be a JSON array of links",
					Map.of("body", "must be a JSON array"));
		}
		if (body.size() > MAX_ITEMS) {
			throw new PayloadTooLargeException(
					"a batch holds at most " + MAX_ITEMS + " links; this one has " + body.size());
		}
		List<JsonNode> items = new ArrayList<>(body.size());
		body.forEach(items::add);
		return items;
	}

	BatchResponse create(List<JsonNode> items) {
		Caller caller = Caller.current();
		List<BatchResponse.Item> results = new ArrayList<>(items.size());
		int created = 0;
		for (int index = 0; index < items.size(); index++) {
			BatchResponse.Item result = createOne(index, items.get(index), caller);
			created += (result.url() != null) ? 1 : 0;
			results.add(result);
		}
		return new BatchResponse(created, items.size() - created, results);
	}

	private BatchResponse.Item createOne(int index, JsonNode item, Caller caller) {
		try {
			if (item == null || !item.isObject()) {
				throw InvalidInputException.of("item", "must be a JSON object");
			}
			CreateLinkRequest request = CreateLinkRequest.forUrls(item, this.targets, caller);
			return BatchResponse.Item.created(index, this.links.create(request, LinkService.UnknownUser.NOT_FOUND));
		}
		catch (InvalidInputException ex) {
			return BatchResponse.Item.failed(index, 422, ex.getMessage(), ex.fields());
		}
		catch (BadRequestException ex) {
			return BatchResponse.Item.failed(index, 400, ex.getMessage(), ex.fields().isEmpty() ? null : ex.fields());
		}
		catch (NotFoundException ex) {
			return BatchResponse.Item.failed(index, 404, ex.getMessage(), null);
		}
		catch (ConflictException ex) {
			return BatchResponse.Item.failed(index, 409, ex.getMessage(), null);
		}
	}

	/** The answer: counts, and one result per item in request order. */
	@Schema(name = "BatchResponse")
	record BatchResponse(@Schema(example = "1") int created, @Schema(example = "1") int failed, List<Item> results) {

		/** One item's outcome: {@code url} when created, {@code error} when not. */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		@Schema(name = "BatchItemResult")
		record Item(@Schema(description = "The item's position in the request, from 0.", example = "0") int index,
				@Schema(description = "What `POST /urls` would have answered for the item alone.",
						example = "201") int status,
				@Schema(description = "The link, when created.") UrlResponse url,
				@Schema(description = "Why the item was not created.",
						example = "validation failed: original_url: is required") String error,
				@Schema(description = "Invalid items: the problem with each offending field.",
						example = "{\"original_url\": \"is required\"}") Map<String, String> fields) {

			static Item created(int index, UrlResponse url) {
				return new Item(index, 201, url, null, null);
			}

			static Item failed(int index, int status, String error, Map<String, String> fields) {
				return new Item(index, status, null, error, fields);
			}

		}

	}

}
