using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Hal;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Vehicles;

public class VehicleTests
{
    private const long SettleUs = 2_000_000;

    private static (Vehicle Vehicle, FakeSensors Io, ManualClock Clock) Build(double? capacityMah = null)
    {
        var clock = new ManualClock();
        var io = new FakeSensors(clock);
        var description = new VehicleDescription { MotorCount = 4, HoverThrust = 0.3, ArmSettleUs = SettleUs, BatteryCapacityMah = capacityMah };
        var vehicle = new Vehicle(description, new VehicleIo(io, io, io, io) { Magnetometer = io, Battery = io, Rc = io }, clock);
        return (vehicle, io, clock);
    }

    [Fact]
    public void Ready_to_arm_comes_exactly_one_settle_time_after_gnss_and_baro_fusion_starts()
    {
        (Vehicle vehicle, _, ManualClock clock) = Build();
        const UavEkfFlags both = UavEkfFlags.GnssFusing | UavEkfFlags.BaroFusing;
        long fusingFromUs = -1;
        long readyFromUs = -1;
        for (int i = 0; i < 30_000 && readyFromUs < 0; i++)
        {
            vehicle.Scheduler.Step();
            if (fusingFromUs < 0 && vehicle.HasOrigin && (vehicle.Ekf.Flags & both) == both)
            {
                fusingFromUs = clock.TimeUs;
            }

            if (vehicle.ReadyToArm)
            {
                readyFromUs = clock.TimeUs;
            }
        }

        Assert.True(fusingFromUs >= 0, "the EKF never fused GNSS and baro on stationary sensors");
        Assert.True(readyFromUs >= 0, "never ready to arm");
        // Readiness is re-evaluated at the 50 Hz position update: it starts within one 20 ms period of fusion.
        Assert.InRange(readyFromUs - fusingFromUs, SettleUs, SettleUs + 20_000);
    }

    [Fact]
    public void Disarmed_vehicle_writes_zero_commands_for_every_motor_at_the_rate_loop_rate()
    {
        (Vehicle vehicle, FakeSensors io, _) = Build();
        for (int i = 0; i < 1000; i++)
        {
            vehicle.Scheduler.Step();
        }

        Assert.Equal(Vehicle.RateLoopRateHz, io.MotorWrites);
        Assert.Equal(0, io.NonZeroMotorWrites);
        Assert.Equal(4, io.LastMotorCount);
    }

    [Fact]
    public void Battery_estimate_integrates_an_analog_monitors_current_against_the_capacity()
    {
        (Vehicle vehicle, FakeSensors io, _) = Build(capacityMah: 1000);
        io.BatteryCurrentA = 36.0;
        for (int i = 0; i <= 1000; i++)
        {
            vehicle.Scheduler.Step();
        }

        // 1000 intervals of 1 ms at 36 A = 36 A·s = 10 mAh of 1000 mAh.
        Assert.Equal(10.0, vehicle.Battery.ConsumedMah, 9);
        Assert.Equal(0.99, vehicle.Battery.RemainingFraction, 9);
        Assert.Equal(16.0, vehicle.Battery.VoltageV);
    }

    [Fact]
    public void Arming_is_denied_for_low_battery_when_the_monitor_reports_a_remaining_fraction_below_BAT_LOW_THR()
    {
        (Vehicle vehicle, FakeSensors io, _) = Build();
        io.BatteryRemainingFraction = 0.10; // BAT_LOW_THR default 0.15
        while (!vehicle.ReadyToArm)
        {
            vehicle.Scheduler.Step();
        }

        Assert.False(vehicle.Arm());
        Assert.Equal(ArmingDenial.BatteryLow, vehicle.Commands.Status.LastArmingDenial);

        // The commander sees the new reading at the next 50 Hz position update.
        io.BatteryRemainingFraction = 0.90;
        for (int i = 0; i < 20; i++)
        {
            vehicle.Scheduler.Step();
        }

        Assert.True(vehicle.Arm());
    }

    [Fact]
    public void Vehicle_without_a_battery_monitor_reports_unknown_battery_and_is_not_refused_for_it()
    {
        var clock = new ManualClock();
        var io = new FakeSensors(clock);
        var vehicle = new Vehicle(new VehicleDescription { MotorCount = 6, HoverThrust = 0.3, ArmSettleUs = SettleUs }, new VehicleIo(io, io, io, io) { Magnetometer = io }, clock);
        while (!vehicle.ReadyToArm)
        {
            vehicle.Scheduler.Step();
        }

        Assert.True(double.IsNaN(vehicle.Battery.RemainingFraction));
        Assert.True(vehicle.Arm());
        vehicle.Scheduler.Step();
        vehicle.Scheduler.Step();
        Assert.Equal(6, io.LastMotorCount);
    }

    [Fact]
    public void Rc_frames_reach_the_commander_as_manual_input_and_a_receiver_failsafe_frame_does_not()
    {
        (Vehicle vehicle, FakeSensors io, ManualClock clock) = Build();
        vehicle.Scheduler.Step();
        long acceptedUs = clock.TimeUs + 7;
        io.NextRc = Frame(acceptedUs, failsafe: false);
        vehicle.Scheduler.Step();
        Assert.Equal(new ManualInput(acceptedUs, 0.5, -1.0, 0.0, 0.25), vehicle.Commander.LastManualInput);

        io.NextRc = Frame(acceptedUs + 1000, failsafe: true);
        vehicle.Scheduler.Step();
        Assert.Equal(acceptedUs, vehicle.Commander.LastManualInput.TimeUs);
    }

    [Fact]
    public void A_tick_of_the_vehicle_allocates_nothing()
    {
        (Vehicle vehicle, _, _) = Build();
        for (int i = 0; i < 3000; i++)
        {
            vehicle.Scheduler.Step();
        }

        Allocations.AssertZero(vehicle.Scheduler.Step, 2000);
    }

    [Fact]
    public void Rc_mapping_turns_AETR_pulse_widths_into_normalised_sticks()
    {
        RcInputSample rc = Frame(5, failsafe: false);
        Assert.True(RcManualInputMapping.TryMap(in rc, out ManualInput input));
        Assert.Equal(new ManualInput(5, 0.5, -1.0, 0.0, 0.25), input);

        rc.ChannelCount = 3;
        Assert.False(RcManualInputMapping.TryMap(in rc, out _));
    }

    [Fact]
    public void Description_refuses_a_motor_count_the_mixer_does_not_know()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new VehicleDescription { MotorCount = 5, HoverThrust = 0.3 });
        Assert.Contains("motor count must be 4 (quad X) or 6 (hex X), got 5", e.Message, StringComparison.Ordinal);
    }

    private static RcInputSample Frame(long timeUs, bool failsafe)
    {
        var rc = new RcInputSample { TimeUs = timeUs, ChannelCount = 8, Failsafe = failsafe };
        rc.ChannelsUs[0] = 1750; // roll +0.5
        rc.ChannelsUs[1] = 1000; // pitch −1
        rc.ChannelsUs[2] = 1250; // throttle 0.25
        rc.ChannelsUs[3] = 1500; // yaw 0
        return rc;
    }
}
