package dev.kurz;

import dev.kurz.ops.VirtualThreadCarriers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KurzApplication {

	public static void main(String[] args) {
		VirtualThreadCarriers.configure();
		SpringApplication.run(KurzApplication.class, args);
	}

}
