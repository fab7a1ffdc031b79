package dev.kurz.analytics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

	private final StatsService stats;

	StatsController(StatsService stats) {
		this.stats = stats;
	}

	@GetMapping("/urls/{id}/stats")
	StatsResponse stats(@PathVariable long id) {
		return this.stats.stats(id);
	}

}
