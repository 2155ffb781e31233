/**
 * One class per {@code strata} command: parse the options, run a job from the libraries, print its
 * result. Commands never call one another; what two of them print alike is in {@code cli.print}.
 */
package org.strata.cli.commands;
