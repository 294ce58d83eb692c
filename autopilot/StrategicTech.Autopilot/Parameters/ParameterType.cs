namespace StrategicTech.Autopilot.Parameters;

/// <summary>Wire type of a parameter; the values are MAVLink's MAV_PARAM_TYPE codes so the protocol can send them as they are.</summary>
public enum ParameterType : byte
{
    Int32 = 6,
    Float = 9,
}
