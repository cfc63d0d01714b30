package io.tandem.command.post;

import io.tandem.command.follow.BlockList;
import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.InstrumentCatalog;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.RequestTransactions;
import io.tandem.command.profile.TraderDirectory;
import io.tandem.command.support.SocialTexts;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.AddCommentCommand;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.CreatePostCommand;
import io.tandem.contracts.post.DeleteCommentCommand;
import io.tandem.contracts.post.DeletePostCommand;
import io.tandem.contracts.post.LikePostCommand;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.SocialIds;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Post entry in one database transaction per request, like payment entry ({@link RequestTransactions},
 * {@link CommandDispatch}): the lookups (profiles and handles through {@link TraderDirectory}, blocks
 * through {@link BlockList}, posts through the posts lookup table, symbols through the instrument
 * catalog) read in the request's transaction, and the command's events and the lookup table's row
 * commit with it. What needs no data (client ids, texts) is checked before the transaction starts.
 * <p>
 * A block separates both ways here: neither the blocked user nor the blocker may comment on or like
 * the other's posts while it stands (the blocker unblocks first). The issue asks it of the blocked
 * user; refusing the blocker too keeps a blocked pair from talking through comments in either direction.
 */
@Service
public class PostEntryService implements PostEntry {

    static final int MAX_CLIENT_ID_LENGTH = 64;
    static final int MAX_TEXT_LENGTH = 1000;
    static final int MAX_SYMBOL_LENGTH = 12;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_CLIENT_ID_LENGTH + "}");

    private final CommandDispatch commands;
    private final RequestTransactions transactions;
    private final PostLookupRepository posts;
    private final TraderDirectory traders;
    private final BlockList blocks;
    private final InstrumentCatalog instruments;

    PostEntryService(CommandDispatch commands, RequestTransactions transactions, PostLookupRepository posts,
                     TraderDirectory traders, BlockList blocks, InstrumentCatalog instruments) {
        this.commands = commands;
        this.transactions = transactions;
        this.posts = posts;
        this.traders = traders;
        this.blocks = blocks;
        this.instruments = instruments;
    }

    @Override
    public PostId createPost(Caller caller, String clientPostId, String text, Instant now) {
        Objects.requireNonNull(now, "now");
        clientId("clientPostId", clientPostId);
        SocialTexts.require("text", text, 1, MAX_TEXT_LENGTH, true);
        TextMentions.requireWithinLimits("text", text);
        PostId postId = SocialIds.post(caller.userId(), clientPostId);
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            requireProfile(caller.userId());
            List<String> symbols = listedSymbols(text);
            List<Mention> mentions = mentionedTraders(text);
            return commands.send(new CreatePostCommand(postId, caller.userId(), clientPostId, text, symbols, mentions, now),
                    ErrorCode.POST_NOT_FOUND);
        }));
    }

    @Override
    public void deletePost(Caller caller, PostId postId, Instant now) {
        Objects.requireNonNull(now, "now");
        transactions.retrying(() -> transactions.inTransaction(() -> {
            known(postId);
            return commands.send(new DeletePostCommand(postId, caller.userId(), caller.admin(), now), ErrorCode.POST_NOT_FOUND);
        }));
    }

    @Override
    public CommentId addComment(Caller caller, PostId postId, String clientCommentId, String text, Instant now) {
        Objects.requireNonNull(now, "now");
        clientId("clientCommentId", clientCommentId);
        SocialTexts.require("text", text, 1, MAX_TEXT_LENGTH, true);
        TextMentions.requireWithinLimits("text", text);
        CommentId commentId = SocialIds.comment(postId, caller.userId(), clientCommentId);
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            requireProfile(caller.userId());
            UserId postAuthor = open(postId);
            notBlocked(postAuthor, caller.userId());
            List<Mention> mentions = mentionedTraders(text);
            return commands.send(new AddCommentCommand(commentId, postId, postAuthor, caller.userId(), clientCommentId,
                    text, mentions, now), ErrorCode.COMMENT_NOT_FOUND);
        }));
    }

    @Override
    public void deleteComment(Caller caller, PostId postId, CommentId commentId, Instant now) {
        Objects.requireNonNull(now, "now");
        transactions.retrying(() -> transactions.inTransaction(() -> {
            known(postId);
            PostId of = commands.send(new DeleteCommentCommand(commentId, caller.userId(), caller.admin(), now),
                    ErrorCode.COMMENT_NOT_FOUND);
            if (!postId.equals(of)) {
                // Thrown inside the transaction: whatever the command did is rolled back with it.
                throw TandemException.notFound(ErrorCode.COMMENT_NOT_FOUND, commentId);
            }
            return of;
        }));
    }

    @Override
    public boolean like(Caller caller, PostId postId, boolean liked, Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            requireProfile(caller.userId());
            // An unlike is always allowed: of a deleted post too, and whatever blocks stand since the like.
            UserId postAuthor = liked ? open(postId) : known(postId);
            if (liked) {
                notBlocked(postAuthor, caller.userId());
            }
            Boolean answer = commands.send(new LikePostCommand(SocialIds.like(postId, caller.userId()), postId, postAuthor,
                    caller.userId(), liked, now), ErrorCode.POST_NOT_FOUND);
            return answer;
        }));
    }

    private static void clientId(String field, String value) {
        if (value == null || !CLIENT_ID.matcher(value).matches()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, field + " must be 1 to " + MAX_CLIENT_ID_LENGTH
                    + " letters, digits, '.', '_' or '-'");
        }
    }

    private void requireProfile(UserId user) {
        if (traders.handleOf(user).isEmpty()) {
            throw new TandemException(ErrorCode.PROFILE_REQUIRED, "set up your trader profile first (PUT /api/v1/traders/me)");
        }
    }

    /** The author of a post that exists, deleted or not (POST_NOT_FOUND if it never existed). */
    private UserId known(PostId postId) {
        return posts.findById(postId.value()).map(PostLookupEntry::author)
                .orElseThrow(() -> TandemException.notFound(ErrorCode.POST_NOT_FOUND, postId));
    }

    /** The author of a post that exists and is not deleted (POST_NOT_FOUND otherwise). */
    private UserId open(PostId postId) {
        return posts.findById(postId.value()).filter(post -> !post.deleted()).map(PostLookupEntry::author)
                .orElseThrow(() -> TandemException.notFound(ErrorCode.POST_NOT_FOUND, postId));
    }

    private void notBlocked(UserId postAuthor, UserId caller) {
        if (blocks.blocks(postAuthor, caller)) {
            throw new TandemException(ErrorCode.BLOCKED, "the author of this post has blocked you");
        }
        if (blocks.blocks(caller, postAuthor)) {
            throw new TandemException(ErrorCode.BLOCKED, "you have blocked the author of this post; unblock them first");
        }
    }

    private List<String> listedSymbols(String text) {
        List<String> symbols = TextMentions.symbols(text);
        for (String symbol : symbols) {
            if (symbol.length() > MAX_SYMBOL_LENGTH || instruments.find(Symbol.of(symbol)).isEmpty()) {
                throw new TandemException(ErrorCode.UNKNOWN_MENTION, "$" + symbol + " is not a listed instrument");
            }
        }
        return symbols;
    }

    /** The traders the text mentions, each once (by user), in the order first mentioned, under their current handle. */
    private List<Mention> mentionedTraders(String text) {
        Map<UserId, Mention> mentions = new LinkedHashMap<>();
        for (String handle : TextMentions.handles(text)) {
            UserId user = traders.userOfHandle(handle)
                    .orElseThrow(() -> new TandemException(ErrorCode.UNKNOWN_MENTION, "@" + handle + " is not a trader"));
            mentions.putIfAbsent(user, new Mention(user, traders.handleOf(user).orElse(handle)));
        }
        return List.copyOf(mentions.values());
    }
}
