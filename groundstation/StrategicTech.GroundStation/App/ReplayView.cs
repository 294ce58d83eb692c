using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.App;

/// <summary>What the headless runner needs to draw a replay's timeline and plot.</summary>
internal sealed record ReplayView(ReplayTimeline Timeline, ReplaySeries Series, ReplayRenderer Renderer);
