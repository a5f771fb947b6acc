package io.switchboard.template;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.slf4j.helpers.NOPLogger;

/**
 * Velocity, configured for AWS mapping templates.
 *
 * <p>Secure by default: the {@link SecureUberspector} blocks reflection, class loaders, threads, processes and
 * {@code System}; {@code #foreach} stops after 1000 iterations (AWS's limit) and macros nest at most 20 deep.
 * Velocity 1.x compatibility switches are on, because AWS's templates were written for Velocity 1.7.
 */
public final class TemplateEngine {

    /** AWS's limit on {@code #foreach} iterations in mapping templates. */
    public static final int MAX_LOOPS = 1000;

    private static final TemplateEngine SHARED = new TemplateEngine();

    private final RuntimeInstance velocity = new RuntimeInstance();

    private TemplateEngine() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
        p.setProperty("directive.foreach.max_loops", Integer.toString(MAX_LOOPS));
        p.setProperty(RuntimeConstants.VM_MAX_DEPTH, "20");
        p.setProperty("directive.parse.max_depth", "1");
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "string");
        p.setProperty("resource.loader.string.class",
                "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        // Velocity 1.x behaviour, which AWS templates assume.
        p.setProperty(RuntimeConstants.CONVERSION_HANDLER_CLASS, "none");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
        p.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, "false");
        p.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
        p.setProperty(RuntimeConstants.VM_ENABLE_BC_MODE, "true");
        p.setProperty("runtime.log.log_invalid_references", "false");
        // Failures reach the caller as TemplateException and are logged once there, without Velocity's dumps.
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_INSTANCE, NOPLogger.NOP_LOGGER);
        velocity.init(p);
    }

    /** The process's engine; it is immutable after start and thread-safe. */
    public static TemplateEngine shared() {
        return SHARED;
    }

    /**
     * Describes the syntax error in a template, if any, with its line and column.
     */
    public static Optional<String> syntaxError(String text) {
        try {
            SHARED.compile("check", text);
            return Optional.empty();
        } catch (TemplateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Parses a template once; the result renders any number of times, from any thread.
     *
     * @throws TemplateException with the line and column of a syntax error
     */
    public CompiledTemplate compile(String name, String text) {
        Template template = new Template();
        template.setName(name);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parse(new StringReader(text), template));
            template.initDocument();
        } catch (ParseException e) {
            throw new TemplateException("template syntax error: " + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new TemplateException("template cannot be prepared: " + e.getMessage(), e);
        }
        // Text without references or directives renders to itself: no need to run Velocity for it each time.
        boolean constant = text.indexOf('$') < 0 && text.indexOf('#') < 0;
        return new CompiledTemplate(name, template, constant ? Optional.of(text) : Optional.empty(),
                constant ? Optional.empty() : SimpleTemplate.of(text));
    }

    /**
     * Renders a template with the given variables.
     *
     * @throws TemplateException when rendering fails (a method that threw, a loop over the limit)
     */
    public String render(CompiledTemplate template, TemplateVariables variables) {
        if (template.constant().isPresent()) {
            return template.constant().get();
        }
        if (template.simple().isPresent()) {
            return template.simple().get().render(variables.event());
        }
        ReusableContext reusable = CONTEXTS.get();
        boolean reuse = !reusable.inUse;
        VelocityContext context = reuse ? reusable.context : new VelocityContext();
        StringWriter out = reuse ? reusable.out : new StringWriter(256);
        reusable.inUse = true;
        try {
            for (String key : context.getKeys()) {
                context.remove(key); // what a previous render left, #set variables included
            }
            out.getBuffer().setLength(0);
            variables.putInto(context);
            template.velocity().merge(context, out);
            return out.toString();
        } catch (RuntimeException e) {
            throw new TemplateException("template " + template.name() + " failed: " + e.getMessage(), e);
        } finally {
            if (reuse) {
                reusable.inUse = false;
            }
        }
    }

    /**
     * One Velocity context per thread, emptied before each render: the context also caches what Velocity learned by
     * reflection about each node's objects (its "introspection cache"), which a fresh context would redo, security
     * checks included, on every render.
     */
    private static final class ReusableContext {
        final VelocityContext context = new VelocityContext();
        final StringWriter out = new StringWriter(256);
        boolean inUse;
    }

    private static final ThreadLocal<ReusableContext> CONTEXTS = ThreadLocal.withInitial(ReusableContext::new);

    private static String oneLine(String message) {
        if (message == null) {
            return "unexpected input";
        }
        String flat = message.replaceAll("\\s*\\n\\s*", " ").trim();
        int expecting = flat.indexOf(" Was expecting");
        return expecting < 0 ? flat : flat.substring(0, expecting);
    }
}
