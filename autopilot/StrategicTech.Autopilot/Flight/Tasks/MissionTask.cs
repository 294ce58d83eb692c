namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>
/// Mission: flies the uploaded mission through the <see cref="MissionExecutor"/>. Entering the mode resumes a paused
/// mission or starts it again (from the pending index, or from the start once finished); a mission start command
/// starts it at its index first.
/// </summary>
internal sealed class MissionTask(FlightTaskContext context) : NavigatorTask(context)
{
    private bool _startRequested;
    private int _requestedIndex;

    /// <summary>Makes the next activation start the mission at <paramref name="firstItemIndex"/> (MAV_CMD_MISSION_START).</summary>
    public void RequestStart(int firstItemIndex)
    {
        _startRequested = true;
        _requestedIndex = firstItemIndex;
    }

    public override bool Activate()
    {
        MissionExecutor mission = Context.Mission;
        bool started = _startRequested;
        if (started)
        {
            _startRequested = false;
            mission.Start(Context.Health.Origin, _requestedIndex);
        }

        Context.LeaveExternal();
        if (!started)
        {
            if (mission.IsStarted && !mission.IsFinished)
            {
                mission.Resume();
            }
            else
            {
                mission.Start(Context.Health.Origin, mission.IsFinished ? 0 : Context.PendingMissionIndex);
            }
        }

        return true;
    }

    public override void Update(double dtS)
    {
        Context.Mission.PositionUncertaintyM = Context.Health.PositionAccuracyM;
        Context.Mission.Update(Context.NowUs, Context.State);
    }

    public override void Deactivate() => Context.Mission.Pause();
}
