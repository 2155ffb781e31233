/**
 * Groundings of a rule body: bounded walks over the projection that find the paths a rule fires on.
 */
package org.strata.rules.ground;
