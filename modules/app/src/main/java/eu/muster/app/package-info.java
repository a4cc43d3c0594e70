/**
 * The muster application: its configuration ({@link eu.muster.app.MusterConfig}), the running
 * backbone ({@link eu.muster.app.Backbone}) and the {@code ./muster} command line. Depends on every
 * other module except the broker runtime, whose jars run in their own JVM.
 */
package eu.muster.app;
