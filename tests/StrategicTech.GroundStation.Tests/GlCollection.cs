namespace StrategicTech.GroundStation.Tests;

/// <summary>Tests that open GL contexts (EGL or an SDL window) run one at a time: a 2-core machine renders in software.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlCollection
{
    public const string Name = "GL";
}
