/**
 * Rules as values ({@link org.strata.rules.model.Rule}: shape, head, body, counts, confidence) and the
 * rule file format (AnyBURL's, readable and checkable).
 */
package org.strata.rules.model;
