package io.switchboard.template;

/** A template that cannot be parsed or failed while rendering. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
