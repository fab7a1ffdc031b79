package dev.kurz.user;

import java.util.List;

/**
 * Published when a user is deleted, inside its transaction. Its links stay, without an
 * owner.
 *
 * @param id the user
 * @param linkIds the links it owned
 */
public record UserDeleted(long id, List<Long> linkIds) {

}
