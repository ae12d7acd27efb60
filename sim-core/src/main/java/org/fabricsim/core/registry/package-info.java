/** Models registered by name with a one-line description, chosen by name from a scenario (as SimGrid picks its models). */
package org.fabricsim.core.registry;
