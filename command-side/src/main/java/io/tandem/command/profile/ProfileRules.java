package io.tandem.command.profile;

import io.tandem.command.support.SocialTexts;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.profile.Handles;

/**
 * What a profile's texts must be, checked by profile entry before anything is sent and again by the
 * aggregate as its guard: a handle of {@link Handles}, a display name of 1 to 60 characters on one
 * line, a bio of at most 500 characters (line breaks allowed). Every refusal is INVALID_TEXT (422)
 * naming the field.
 */
final class ProfileRules {

    static final int MAX_DISPLAY_NAME = 60;
    static final int MAX_BIO = 500;

    private ProfileRules() {
    }

    static void check(String handle, String displayName, String bio) {
        if (!Handles.isValid(handle)) {
            throw new TandemException(ErrorCode.INVALID_TEXT, "handle must be " + Handles.MIN_LENGTH + " to "
                    + Handles.MAX_LENGTH + " characters of letters A-Z or a-z, digits and '_'");
        }
        SocialTexts.require("displayName", displayName, 1, MAX_DISPLAY_NAME, false);
        SocialTexts.require("bio", bio, 0, MAX_BIO, true);
    }
}
