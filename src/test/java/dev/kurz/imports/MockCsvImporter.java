package dev.kurz.imports;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Puts a Mockito mock of the CSV importer into a slice test outside this package. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = CsvImporter.class)
public @interface MockCsvImporter {

}
