package dev.kurz.link;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ShortUrlRepository extends JpaRepository<ShortUrl, Long> {

	Optional<ShortUrl> findByIdAndDeletedAtIsNull(long id);

}
