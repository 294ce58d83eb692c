namespace StrategicTech.Autopilot.Runtime;

/// <summary>Where a <see cref="BackgroundChunkWriter"/> puts each chunk, on its own thread (a file, a socket).</summary>
public interface IChunkTarget
{
    void Write(ReadOnlySpan<byte> chunk);
}
