/** Queueing resources on the timeline, e.g. a FIFO server with the statistics Little's law needs. */
package org.fabricsim.core.queue;
