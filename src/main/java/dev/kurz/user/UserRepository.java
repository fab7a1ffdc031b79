package dev.kurz.user;

import org.springframework.data.jpa.repository.JpaRepository;

interface UserRepository extends JpaRepository<User, Long> {

	boolean existsByEmailIgnoreCaseAndIdNot(String email, Long id);

}
