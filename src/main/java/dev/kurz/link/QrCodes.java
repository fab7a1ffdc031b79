package dev.kurz.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.kurz.shared.InvalidInputException;

/**
 * QR codes of short URLs, drawn by ZXing: PNG at a size in pixels, or SVG that scales.
 * Error correction level M, which survives a small logo or a smudge.
 */
final class QrCodes {

	static final int MIN_SIZE = 64;

	static final int MAX_SIZE = 2048;

	static final int DEFAULT_SIZE = 300;

	/** The quiet zone, in modules; the QR specification asks for four. */
	static final int DEFAULT_MARGIN = 4;

	static final int MAX_MARGIN = 16;

	enum Format {

		PNG("image/png"), SVG("image/svg+xml");

		private final String mediaType;

		Format(String mediaType) {
			this.mediaType = mediaType;
		}

		String mediaType() {
			return this.mediaType;
		}

	}

	/** What to draw, checked: the query parameters of {@code GET /urls/<id>/qr}. */
	record Request(Format format, int size, int margin) {

		static Request of(String format, String size, String margin) {
			Map<String, String> errors = new java.util.LinkedHashMap<>();
			Format parsedFormat = Format.PNG;
			if (format != null) {
				switch (format.toLowerCase(Locale.ROOT)) {
					case "png" -> parsedFormat = Format.PNG;
					case "svg" -> parsedFormat = Format.SVG;
					default -> errors.put("format", "must be png or svg");
				}
			}
			int parsedSize = integer(size, DEFAULT_SIZE, MIN_SIZE, MAX_SIZE, "size", errors);
			int parsedMargin = integer(margin, DEFAULT_MARGIN, 0, MAX_MARGIN, "margin", errors);
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			return new Request(parsedFormat, parsedSize, parsedMargin);
		}

		private static int integer(String value, int fallback, int min, int max, String name,
				Map<String, String> errors) {
			if (value == null) {
				return fallback;
			}
			try {
				int n = Integer.parseInt(value);
				if (n >= min && n <= max) {
					return n;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			errors.put(name, "must be an integer from " + min + " to " + max);
			return fallback;
		}

		/**
		 * A strong validator of the image for {@code content}: the image is a function of
		 * these alone, so a match needs no drawing.
		 */
		String etag(String content) {
			String key = content + '\n' + this.format + '\n' + this.size + '\n' + this.margin;
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
				return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is part of every JDK", ex);
			}
		}

	}

	private QrCodes() {
	}

	static byte[] draw(String content, Request request) {
		return switch (request.format()) {
			case PNG -> png(content, request.size(), request.margin());
			case SVG -> svg(content, request.size(), request.margin()).getBytes(StandardCharsets.UTF_8);
		};
	}

	/** ZXing scales the code by a whole number of pixels per module and centres it. */
	static byte[] png(String content, int size, int margin) {
		BitMatrix matrix = encode(content, size, margin);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			MatrixToImageWriter.writeToStream(matrix, "PNG", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * One square per module in a view box of modules, so the drawing is exact at any
	 * scale; {@code size} sets its displayed width and height.
	 */
	static String svg(String content, int size, int margin) {
		BitMatrix matrix = encode(content, 0, margin);
		int width = matrix.getWidth();
		int height = matrix.getHeight();
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < height; y++) {
			int x = 0;
			while (x < width) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < width && matrix.get(x, y)) {
					x++;
				}
				path.append('M')
					.append(start)
					.append(' ')
					.append(y)
					.append('h')
					.append(x - start)
					.append("v1h-")
					.append(x - start)
					.append('z');
			}
		}
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + size + "\" height=\"" + size
				+ "\" viewBox=\"0 0 " + width + " " + height + "\" shape-rendering=\"crispEdges\">"
				+ "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>" + "<path fill=\"#000000\" d=\"" + path
				+ "\"/></svg>\n";
	}

	private static BitMatrix encode(String content, int size, int margin) {
		Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.MARGIN, margin, EncodeHintType.ERROR_CORRECTION,
				ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
		try {
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, hints);
		}
		catch (WriterException ex) {
			// A short URL is far below the capacity of a QR code.
			throw new IllegalStateException("cannot encode " + content.length() + " characters as a QR code", ex);
		}
	}

}
