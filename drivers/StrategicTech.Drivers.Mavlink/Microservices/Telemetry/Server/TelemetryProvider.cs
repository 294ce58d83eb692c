namespace StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;

/// <summary>
/// Fills the current value of a streamed message when the <see cref="TelemetryScheduler"/> finds it due (or on
/// REQUEST_MESSAGE). Return false when there is nothing to send yet (e.g. no GPS fix): the stream stays due and
/// is asked again on the next tick. Called on the node's receive/tick thread; must not allocate.
/// </summary>
public delegate bool TelemetryProvider<TMessage>(long nowUs, out TMessage message)
    where TMessage : struct, IMavlinkMessage<TMessage>;
