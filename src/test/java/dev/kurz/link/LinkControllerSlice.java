package dev.kurz.link;

import java.time.Instant;

import dev.kurz.web.JsonStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The link controllers alone, over a mocked {@link LinkService}: what reaches the service
 * and what never does.
 */
@WebMvcTest({ ShortenController.class, UrlController.class })
@Import({ TargetRulesConfiguration.class, JsonStream.class })
abstract class LinkControllerSlice {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	LinkService links;

	MvcTestResult post(String path, String json) {
		return this.mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	MvcTestResult put(String path, String json) {
		return this.mvc.put().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	static UrlResponse link(long id, String url, boolean active) {
		return new UrlResponse(id, "abc1234", url, null, active, 1L, NOW, NOW, null, null, null, 302, false);
	}

}
