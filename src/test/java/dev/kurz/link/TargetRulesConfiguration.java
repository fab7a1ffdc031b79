package dev.kurz.link;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The target rules and the properties they read, for slice tests of the controllers that
 * use them.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({ LinkProperties.class, PublicBaseUrl.class })
@Import(TargetRules.class)
public class TargetRulesConfiguration {

}
