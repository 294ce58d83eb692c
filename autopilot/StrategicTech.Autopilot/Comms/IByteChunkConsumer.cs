namespace StrategicTech.Autopilot.Comms;

/// <summary>Receives chunks drained from a <see cref="ByteChunkQueue"/> (a struct so draining neither boxes nor allocates a closure).</summary>
public interface IByteChunkConsumer
{
    void Consume(ReadOnlySpan<byte> chunk);
}
