package io.chartroom.render.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Render workers (chartroom.render.*).
 *
 * @param workers     how many worker JVMs render at the same time
 * @param timeout     a render that takes longer is stopped (its worker is replaced)
 * @param maxMemory   a worker whose resident memory grows beyond this while rendering is stopped
 * @param workerHeap  the Java heap of each worker (Helm itself runs in native memory)
 * @param prestart    start the workers in the background after startup, so the first preview does not wait
 */
@ConfigurationProperties("chartroom.render")
public record RenderSettings(
        @DefaultValue("2") int workers,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("1GB") DataSize maxMemory,
        @DefaultValue("128MB") DataSize workerHeap,
        @DefaultValue("true") boolean prestart) {}
