package dev.kurz.link;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.kurz.support.Fixtures;
import dev.kurz.support.HttpTest;
import dev.kurz.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.kurz.support.Problems.assertInvalid;
import static dev.kurz.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /urls/<id>/qr}, read back with ZXing's own reader. */
class QrCodeApiTests extends HttpTest {

	private static final Pattern SVG_RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void thePngIs300PixelsSquareAndDecodesToTheShortUrl() throws Exception {
		JsonNode link = shortened();

		HttpResponse<byte[]> response = get("/urls/" + Fixtures.id(link) + "/qr", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
		assertThat(image.getWidth()).isEqualTo(300);
		assertThat(image.getHeight()).isEqualTo(300);
		assertThat(decode(image)).isEqualTo(link.get("short_url").stringValue());
	}

	@Test
	void sizeAndMarginShapeThePng() throws Exception {
		JsonNode link = shortened();
		String path = "/urls/" + Fixtures.id(link) + "/qr?size=";

		BufferedImage small = ImageIO.read(new ByteArrayInputStream(get(path + "64&margin=1", null).body()));
		BufferedImage large = ImageIO.read(new ByteArrayInputStream(get(path + "2048&margin=0", null).body()));

		assertThat(small.getWidth()).isEqualTo(64);
		assertThat(large.getWidth()).isEqualTo(2048);
		assertThat(decode(small)).isEqualTo(link.get("short_url").stringValue());
		// Without a quiet zone the code starts in the corner (after ZXing's centring).
		assertThat(darkPixels(large, 0, 40)).isGreaterThan(
				darkPixels(ImageIO.read(new ByteArrayInputStream(get(path + "2048&margin=16", null).body())), 0, 40));
	}

	@Test
	void theSvgDrawsTheSameCode() throws Exception {
		JsonNode link = shortened();

		HttpResponse<byte[]> response = get("/urls/" + Fixtures.id(link) + "/qr?format=svg&size=500", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		String svg = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(svg).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", "width=\"500\"", "height=\"500\"");
		assertThat(decode(rasterize(svg))).isEqualTo(link.get("short_url").stringValue());
	}

	@Test
	void theAnswerIsCacheableAndRevalidatesWithItsEtag() {
		long id = Fixtures.id(shortened());
		HttpResponse<byte[]> first = get("/urls/" + id + "/qr", null);
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<byte[]> again = get("/urls/" + id + "/qr", etag);
		HttpResponse<byte[]> otherSize = get("/urls/" + id + "/qr?size=301", etag);

		assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=86400, private");
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);
		assertThat(again.headers().firstValue("Cache-Control")).hasValue("max-age=86400, private");
		assertThat(otherSize.statusCode()).isEqualTo(200);
		assertThat(otherSize.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
		assertThat(get("/urls/" + id + "/qr?format=svg", null).headers().firstValue("ETag"))
			.isNotEqualTo(java.util.Optional.of(etag));
	}

	@ParameterizedTest
	@ValueSource(strings = { "size=63", "size=2049", "size=abc", "size=", "margin=-1", "margin=17", "margin=x",
			"format=gif", "format=" })
	void badParametersAre422NamingTheParameter(String query) {
		long id = Fixtures.id(shortened());

		assertInvalid(this.api.get("/urls/" + id + "/qr?" + query), query.substring(0, query.indexOf('=')));
	}

	@Test
	void anUnknownOrDeletedLinkIs404() {
		long id = Fixtures.id(shortened());
		this.api.delete("/urls/" + id);

		assertProblem(this.api.get("/urls/" + id + "/qr"), 404);
		assertProblem(this.api.get("/urls/999999/qr"), 404);
	}

	private JsonNode shortened() {
		return this.api.post("/shorten", Json.object("url", "https://example.com/qr")).json();
	}

	private HttpResponse<byte[]> get(String path, String ifNoneMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.api.base() + path)).GET();
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the code as ZXing reads a rendered image: without the pure-image hint, its
	 * finder-pattern search misses about one code in 400 of these exact renderings.
	 */
	private static String decode(BufferedImage image) throws Exception {
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
		try {
			return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
		}
		catch (NotFoundException ex) {
			throw new AssertionError("no QR code found in the image", ex);
		}
	}

	/** Paints the SVG's runs of modules, eight pixels a module. */
	private static BufferedImage rasterize(String svg) {
		Matcher viewBox = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
		assertThat(viewBox.find()).as(svg).isTrue();
		int modules = Integer.parseInt(viewBox.group(1));
		int scale = 8;
		BufferedImage image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		graphics.setColor(Color.BLACK);
		Matcher run = SVG_RUN.matcher(svg);
		int runs = 0;
		while (run.find()) {
			graphics.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
					Integer.parseInt(run.group(3)) * scale, scale);
			runs++;
		}
		graphics.dispose();
		assertThat(runs).isPositive();
		return image;
	}

	private static int darkPixels(BufferedImage image, int from, int to) {
		int dark = 0;
		for (int y = from; y < to; y++) {
			for (int x = from; x < to; x++) {
				if ((image.getRGB(x, y) & 0xFF) < 128) {
					dark++;
				}
			}
		}
		return dark;
	}

}
