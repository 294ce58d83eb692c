namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Takeoff: climbs vertically to the commanded height above home (MIS_TAKEOFF_ALT by default).</summary>
internal sealed class TakeoffTask(FlightTaskContext context) : NavigatorTask(context)
{
    public override bool Activate()
    {
        double heightM = double.IsFinite(Context.PendingTakeoffHeightM) ? Context.PendingTakeoffHeightM : Context.Parameters.TakeoffAltitudeM;
        Context.PendingTakeoffHeightM = double.NaN;
        Context.LeaveExternal();
        if (!Context.Navigator.Takeoff(heightM))
        {
            return false;
        }

        Context.Texts.Add(Context.NowUs, StatusSeverity.Info, "Takeoff");
        return true;
    }
}
