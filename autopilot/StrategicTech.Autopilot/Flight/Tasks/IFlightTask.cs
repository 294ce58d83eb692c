namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>
/// One flight mode's behaviour (PX4's flight task): what happens on entering the mode, where its setpoint comes from
/// each update, and how it drives the cascade's outer loops. The <see cref="Commander"/> selects the task of the
/// current mode and calls it between the failsafe check and the land detector. No allocation per update.
/// </summary>
internal interface IFlightTask
{
    /// <summary>Entering the mode while armed; false when the mode refused (the commander then keeps the old mode).</summary>
    bool Activate();

    /// <summary>Before the auto-flight update: advances the mode's setpoint source.</summary>
    void Update(double dtS);

    /// <summary>After the auto-flight update: drives the cascade's outer loops to the attitude/thrust setpoint.</summary>
    void Control(double dtS);

    /// <summary>Leaving the mode (or disarming).</summary>
    void Deactivate();
}
