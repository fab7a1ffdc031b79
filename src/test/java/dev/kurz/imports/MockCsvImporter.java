package dev.kurz.imports;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Puts Mockito mocks of the CSV importer and exporter into a slice test outside this
 * package.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = { CsvImporter.class, CsvExporter.class })
public @interface MockCsvImporter {

}
