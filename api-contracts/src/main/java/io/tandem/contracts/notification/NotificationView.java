package io.tandem.contracts.notification;

/**
 * One notification; {@code postId} and {@code commentId} name what it is about (null when not
 * applicable); the actor's handle and display name are the current ones.
 */
public record NotificationView(String id, String kind, String actorId, String actorHandle, String actorDisplayName,
                               String postId, String commentId, String createdAt, String cursor) {
}
