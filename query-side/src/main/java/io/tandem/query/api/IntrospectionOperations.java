package io.tandem.query.api;

import graphql.analysis.QueryComplexityInfo;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;

import java.util.List;
import java.util.Objects;

/**
 * Recognises operations that select nothing but introspection fields ({@code __schema},
 * {@code __type}, {@code __typename}) at the top level, such as GraphiQL's schema query.
 */
final class IntrospectionOperations {

    private IntrospectionOperations() {
    }

    static boolean isIntrospectionOnly(OperationDefinition operation) {
        return operation != null && !operation.getSelectionSet().getSelections().isEmpty()
                && operation.getSelectionSet().getSelections().stream()
                .allMatch(selection -> selection instanceof Field field && field.getName().startsWith("__"));
    }

    /** Whether the operation a complexity check is about is introspection only. */
    static boolean isIntrospectionOnly(QueryComplexityInfo info) {
        if (info.getInstrumentationExecuteOperationParameters() != null) {
            return isIntrospectionOnly(info.getInstrumentationExecuteOperationParameters().getExecutionContext().getOperationDefinition());
        }
        InstrumentationValidationParameters validation = info.getInstrumentationValidationParameters();
        return validation != null && isIntrospectionOnly(operation(validation.getDocument(), validation.getOperation()));
    }

    private static OperationDefinition operation(Document document, String name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        return operations.stream().filter(operation -> Objects.equals(operation.getName(), name)).findFirst().orElse(null);
    }
}
