package dev.kurz.link;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * {@code GET /urls/<id>/qr}: the QR code of a link's short URL, for whoever may read the
 * link. The image depends only on the short URL and the parameters, so it is cached for a
 * day and revalidated by its ETag without drawing it again; {@code private} keeps shared
 * caches from handing one caller's answer to another.
 */
@RestController
@Tag(name = "links")
class QrController {

	static final Duration LIFETIME = Duration.ofDays(1);

	private final LinkService links;

	private final PublicBaseUrl baseUrl;

	QrController(LinkService links, PublicBaseUrl baseUrl) {
		this.links = links;
		this.baseUrl = baseUrl;
	}

	@GetMapping("/urls/{id:\\d+}/qr")
	@Operation(operationId = "getUrlQrCode", summary = "The QR code of a link's short URL",
			description = "PNG by default, SVG with format=svg. Cached for a day, revalidated by its ETag.",
			responses = {
					@ApiResponse(responseCode = "200", description = "The QR code.",
							content = {
									@Content(mediaType = "image/png",
											schema = @Schema(type = "string", format = "binary")),
									@Content(mediaType = "image/svg+xml", schema = @Schema(type = "string")) }),
					@ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent.") })
	ResponseEntity<byte[]> qr(@PathVariable long id,
			@Parameter(description = "png (the default) or svg.") @RequestParam(required = false) String format,
			@Parameter(description = "Width and height in pixels, 64 to 2048; default 300.") @RequestParam(
					required = false) String size,
			@Parameter(description = "Quiet zone in modules, 0 to 16; default 4.") @RequestParam(
					required = false) String margin,
			WebRequest request) {
		QrCodes.Request qr = QrCodes.Request.of(format, size, margin);
		String shortUrl = this.baseUrl.resolve() + "/" + this.links.get(id).shortCode();
		String etag = qr.etag(shortUrl);
		CacheControl cache = CacheControl.maxAge(LIFETIME).cachePrivate();
		if (request.checkNotModified(etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(cache).eTag(etag).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(qr.format().mediaType()))
			.cacheControl(cache)
			.eTag(etag)
			.body(QrCodes.draw(shortUrl, qr));
	}

}
