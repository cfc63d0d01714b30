package io.tandem.infra.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring Boot's error controller, which renders errors forwarded to {@code /error} by the servlet
 * container, except for a request made straight to {@code /error}: nothing failed, so Boot's
 * controller answered it 500. Here it is a 404 problem like any other path without an endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorPathConfiguration {

    @Bean
    public BasicErrorController basicErrorController(ErrorAttributes errorAttributes, ServerProperties serverProperties,
                                                     ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ErrorPathController(errorAttributes, serverProperties.getError(), errorViewResolvers.orderedStream().toList());
    }

    static final class ErrorPathController extends BasicErrorController {

        ErrorPathController(ErrorAttributes errorAttributes, ErrorProperties properties, List<ErrorViewResolver> resolvers) {
            super(errorAttributes, properties, resolvers);
        }

        @Override
        public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
            if (!forwarded(request)) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", HttpStatus.NOT_FOUND.getReasonPhrase());
                problem.put("status", HttpStatus.NOT_FOUND.value());
                problem.put("detail", "No endpoint " + request.getRequestURI());
                problem.put("code", HttpStatus.NOT_FOUND.name());
                return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
            }
            return super.error(request);
        }

        @Override
        protected HttpStatus getStatus(HttpServletRequest request) {
            return forwarded(request) ? super.getStatus(request) : HttpStatus.NOT_FOUND;
        }

        private static boolean forwarded(HttpServletRequest request) {
            return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null;
        }
    }
}
