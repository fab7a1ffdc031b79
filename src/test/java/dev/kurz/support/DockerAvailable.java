package dev.kurz.support;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;

/** True where a Docker engine answers; elsewhere tests use the local services. */
class DockerAvailable implements Condition {

	private static final boolean AVAILABLE = probe();

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return AVAILABLE;
	}

	private static boolean probe() {
		if ("false".equalsIgnoreCase(System.getenv("TESTCONTAINERS_ENABLED"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | Error ex) {
			return false;
		}
	}

}
