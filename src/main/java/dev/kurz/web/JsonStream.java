package dev.kurz.web;

import java.util.function.Consumer;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

/**
 * Writes a list answer as a bare JSON array row by row, so that a list of millions of
 * events never sits in memory. The producer pushes each row into the consumer it is
 * handed.
 */
@Component
public class JsonStream {

	public static final String TOTAL_COUNT = "X-Total-Count";

	private final ObjectWriter writer;

	JsonStream(ObjectMapper mapper) {
		// Flushing after every row would turn a long list into one socket write per row.
		this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
	}

	public <T> ResponseEntity<StreamingResponseBody> array(long total, Consumer<Consumer<T>> producer) {
		StreamingResponseBody body = (out) -> {
			try (JsonGenerator generator = this.writer.createGenerator(out)) {
				generator.writeStartArray();
				producer.accept((row) -> this.writer.writeValue(generator, row));
				generator.writeEndArray();
			}
		};
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(TOTAL_COUNT, Long.toString(total))
			.body(body);
	}

}
