package dev.kurz.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description served at {@code /openapi.json} (Swagger UI at
 * {@code /docs}). Controllers describe their own operations; what every operation shares
 * is added here: the problem+json error answers, the API key schemes and which routes
 * need which key, and the {@code Idempotency-Key} header of the creating routes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearerKey";

	static final String HEADER_KEY = "apiKeyHeader";

	static final String PROBLEM = "Problem";

	static final String PROBLEM_JSON = "application/problem+json";

	/** Routes that no key is asked for, in either mode. */
	private static final Set<String> PUBLIC = Set.of("GET /health", "GET /{code}", "HEAD /{code}");

	/**
	 * Routes that take a key but answer without one when configured so
	 * ({@code kurz.auth.signup}, {@code kurz.auth.anonymous-links}).
	 */
	private static final Map<String, String> KEY_OPTIONAL = Map.of("POST /users",
			"Without a key while `kurz.auth.signup=true` (the default): the answer then carries the new user's "
					+ "first key in `api_key`.",
			"POST /shorten", "Without a key while `kurz.auth.anonymous-links=true`: the link is then owned by nobody.");

	/** Routes for admin keys only. */
	private static final Set<String> ADMIN = Set.of("POST /users/bulk", "POST /urls/bulk", "POST /events/bulk",
			"GET /metrics");

	/** Routes that honour {@code Idempotency-Key}. */
	static final Set<String> IDEMPOTENT = Set.of("POST /shorten", "POST /urls", "POST /users", "POST /events");

	@Bean
	OpenAPI kurzOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Kurz")
				.version("1")
				.summary("URL shortener: links, users, audit events, redirects and click statistics")
				.description("""
						JSON in and out, `snake_case` names, lists as bare arrays with `X-Total-Count`.
						Every error is `application/problem+json` with a human-readable `error`, the
						`request_id` of the answer and, for invalid input, `fields` naming each bad field.

						With `kurz.auth.mode=keys` (the default) requests carry an API key, as
						`Authorization: Bearer <key>` or `X-API-Key: <key>`; a user's key sees and changes
						only that user's rows, an admin key everything. With `kurz.auth.mode=open` no key is
						asked for.""")
				.license(new License().name("MIT").identifier("MIT")))
			.servers(List.of(new Server().url("/").description("this service")))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An API key: `Authorization: Bearer <key>`."))
				.addSecuritySchemes(HEADER_KEY,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")
							.description("The same API key in a header of its own.")));
	}

	/** Record components named as the JSON names them. */
	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	/**
	 * Operations whose controllers carry no OpenAPI annotations of their own: id and
	 * summary.
	 */
	private static final Map<String, String[]> NAMES = Map.ofEntries(
			Map.entry("GET /health", new String[] { "health", "Health of the service and its dependencies" }),
			Map.entry("GET /metrics", new String[] { "metrics", "Service figures as JSON" }),
			Map.entry("GET /urls/{id}/stats", new String[] { "getUrlStats", "Clicks of a link over 30 days" }),
			Map.entry("GET /users/{userId}/keys", new String[] { "listKeys", "List a user's API keys" }),
			Map.entry("POST /users/{userId}/keys", new String[] { "issueKey", "Issue an API key" }),
			Map.entry("DELETE /users/{userId}/keys/{keyId}", new String[] { "revokeKey", "Revoke an API key" }),
			Map.entry("GET /{code}", new String[] { "redirect", "Follow a short link" }),
			Map.entry("HEAD /{code}", new String[] { "redirectHead", "Check a short link" }));

	@Bean
	OpenApiCustomizer kurzOperations() {
		return (openApi) -> {
			ModelConverters.getInstance(true).read(ProblemBody.class).forEach(openApi.getComponents()::addSchemas);
			describeOperations(openApi);
		};
	}

	private static void describeOperations(OpenAPI openApi) {
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
			String route = method.name() + " " + path;
			name(route, op);
			describeSecurity(route, op);
			if (IDEMPOTENT.contains(route)) {
				op.addParametersItem(idempotencyKey());
			}
			describeErrors(route, path, method, op);
		}));
	}

	private static void name(String route, Operation op) {
		String[] name = NAMES.get(route);
		if (name != null) {
			op.setOperationId(name[0]);
			op.setSummary(name[1]);
		}
		ApiResponses responses = op.getResponses();
		if (route.equals("POST /users/{userId}/keys") && responses.containsKey("200")) {
			ApiResponse created = responses.remove("200");
			responses.addApiResponse("201", created.description("Issued; the key is shown in this answer only."));
		}
		if (route.endsWith(" /{code}")) {
			responses.remove("200");
			responses.addApiResponse("302",
					new ApiResponse()
						.description("To the link's target (the default redirect_type), or to its expired_url once it "
								+ "expired or reached max_clicks.")
						.addHeaderObject("Location", header("The target URL.")));
			for (String permanentOrKept : List.of("301", "307", "308")) {
				responses.addApiResponse(permanentOrKept,
						new ApiResponse().description("To the link's target, for a link with this redirect_type.")
							.addHeaderObject("Location", header("The target URL.")));
			}
		}
	}

	private static void describeSecurity(String route, Operation op) {
		if (PUBLIC.contains(route)) {
			op.setSecurity(List.of());
			return;
		}
		List<SecurityRequirement> keys = List.of(new SecurityRequirement().addList(BEARER),
				new SecurityRequirement().addList(HEADER_KEY));
		if (KEY_OPTIONAL.containsKey(route)) {
			List<SecurityRequirement> either = new java.util.ArrayList<>(keys);
			either.add(new SecurityRequirement());
			op.setSecurity(either);
			op.setDescription(append(op.getDescription(), KEY_OPTIONAL.get(route)));
		}
		else {
			op.setSecurity(keys);
		}
		if (ADMIN.contains(route)) {
			op.setDescription(append(op.getDescription(), "Needs an admin key."));
		}
	}

	private static void describeErrors(String route, String path, PathItem.HttpMethod method, Operation op) {
		ApiResponses responses = (op.getResponses() != null) ? op.getResponses() : new ApiResponses();
		Map<String, String> errors = new LinkedHashMap<>();
		boolean hasBody = op.getRequestBody() != null;
		boolean hasParameters = op.getParameters() != null
				&& op.getParameters().stream().anyMatch((parameter) -> "query".equals(parameter.getIn()));
		if (hasBody || hasParameters) {
			errors.put("400", "Malformed request: unreadable JSON, a wrong type, or a bad parameter.");
		}
		if (!PUBLIC.contains(route)) {
			errors.put("401", "No API key, or an unknown or revoked one (keys mode).");
		}
		if (ADMIN.contains(route) || route.equals("POST /users")) {
			errors.put("403", "The route needs an admin key.");
		}
		if (route.endsWith(" /{code}")) {
			errors.put("404",
					"No live link has this code, or it expired or reached max_clicks and has no expired_url.");
		}
		else if (path.contains("{")) {
			errors.put("404", "Nothing with this id or code, or it belongs to another user.");
		}
		if (IDEMPOTENT.contains(route)) {
			errors.put("409",
					"A request with the same `Idempotency-Key` is still running, or the short code or username is taken.");
		}
		if (hasBody) {
			errors.put("413", "The body is larger than the route accepts.");
			errors.put("415", "The body is not of a type the route accepts.");
		}
		if (hasBody || hasParameters) {
			errors.put("422", "Well-formed input that breaks a rule; `fields` names each offending field.");
		}
		if (!PUBLIC.contains(route)) {
			errors.put("429", "Rate limit exceeded; `Retry-After` says when to try again.");
		}
		errors.put("503", "PostgreSQL (or, for `Idempotency-Key`, Redis) is unavailable; try again.");
		errors.forEach((status, description) -> {
			if (!responses.containsKey(status)) {
				responses.addApiResponse(status, problem(description));
			}
		});
		op.setResponses(responses);
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	private static Parameter idempotencyKey() {
		return new HeaderParameter().name("Idempotency-Key")
			.required(false)
			.description("""
					Makes a retry safe: the first request with a key runs; a repeat with the same key \
					and body within 24 hours gets the same status and body again, without running \
					twice. The same key with another body answers 422, a repeat while the first is \
					still running 409. Keys are scoped to the caller's API key (or address).""")
			.schema(new StringSchema().maxLength(255))
			.example("5f0c5e8e-6d8c-4a3e-9d3a-2b6f0f7f6b10");
	}

	private static String append(String description, String sentence) {
		return (description == null || description.isBlank()) ? sentence : description + "\n\n" + sentence;
	}

	static Header header(String description) {
		return new Header().description(description).schema(new StringSchema());
	}

}
