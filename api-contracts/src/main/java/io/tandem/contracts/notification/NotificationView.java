package io.tandem.contracts.notification;

/**
 * One notification; {@code postId} and {@code commentId} name what it is about (null when not
 * applicable); the actor's handle and display name are the current ones. {@code id} is opaque and
 * stable: a repeated like of the same post or a repeated follow keeps its id and only moves to the
 * new time. The projector's push carries no actor handle or display name: the subscription reads it
 * back by {@code cursor} ({@link FindNotificationQuery}).
 */
public record NotificationView(String id, String kind, String actorId, String actorHandle, String actorDisplayName,
                               String postId, String commentId, String createdAt, String cursor) {
}
