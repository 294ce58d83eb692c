namespace StrategicTech.GroundStation.Telemetry;

/// <summary>Where decoded samples go: the bounded queue to the render thread (live) or straight into the model (replay).</summary>
public interface ITelemetrySink
{
    void Accept(in TelemetrySample sample);
}
