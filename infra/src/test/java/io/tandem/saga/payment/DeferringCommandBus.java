package io.tandem.saga.payment;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * A command bus that holds back every command sent while a message is being handled (the saga's
 * commands) until the test runs it, in the order the test picks. That turns the asynchronous
 * delivery of a real system into an explicit, reproducible interleaving. Commands sent from outside
 * any handler (requests, webhooks) run at once.
 */
class DeferringCommandBus implements CommandBus {

    private record Deferred(CommandMessage<?> command, CommandCallback<?, ?> callback) {
    }

    private final CommandBus delegate;
    private final List<Deferred> deferred = new ArrayList<>();

    DeferringCommandBus(CommandBus delegate) {
        this.delegate = delegate;
    }

    int pending() {
        return deferred.size();
    }

    /** Runs the held-back command at {@code index} (modulo the number held back); false when none is held back. */
    boolean runOne(int index) {
        if (deferred.isEmpty()) {
            return false;
        }
        Deferred next = deferred.remove(Math.floorMod(index, deferred.size()));
        dispatchNow(next);
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatchNow(Deferred next) {
        delegate.dispatch((CommandMessage) next.command(), (CommandCallback) next.callback());
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted()) {
            deferred.add(new Deferred(command, callback));
        } else {
            delegate.dispatch(command, callback);
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
