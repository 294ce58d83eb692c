using StrategicTech.Navigation.Time;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>A clock that advances 1 µs per read, so a solver's time budget becomes a deterministic iteration budget.</summary>
internal sealed class StepClock : IClock
{
    private long _timeUs;

    public long TimeUs => _timeUs++;
}
