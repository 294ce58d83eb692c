using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Amr;

public sealed class WalkingPersonTests
{
    [Fact]
    public void A_person_walks_back_and_forth_by_default()
    {
        var person = new WalkingPerson(0, 0, 2, 0, 1.0);
        Step(person, 1.5, 0.05);
        Assert.Equal(1.5, person.XM, 9);
        Step(person, 1.0, 0.05); // 2.5 m walked: turned at 2 m, now 0.5 m back
        Assert.Equal(1.5, person.XM, 9);
    }

    [Fact]
    public void A_waiting_one_way_person_stands_at_the_first_point_then_walks_to_the_second_and_stays()
    {
        var person = new WalkingPerson(7, 3.75, 14.5, 3.75, 0.8, 0.5, waitS: 12, oneWay: true);
        Step(person, 12.0, 0.05);
        Assert.Equal(7.0, person.XM, 9);
        Step(person, 1.0, 0.05); // walking for 1 s at 0.8 m/s
        Assert.Equal(7.8, person.XM, 6);
        Step(person, 60.0, 0.05);
        Assert.Equal(14.5, person.XM, 9);
        Assert.Equal(3.75, person.YM, 9);
    }

    [Fact]
    public void The_wait_ends_inside_a_step_and_only_the_rest_of_that_step_is_walked()
    {
        var person = new WalkingPerson(0, 0, 10, 0, 1.0, waitS: 0.3);
        person.Step(0.5);
        Assert.Equal(0.2, person.XM, 9);
    }

    private static void Step(WalkingPerson person, double durationS, double dtS)
    {
        for (int i = 0; i < (int)Math.Round(durationS / dtS); i++)
        {
            person.Step(dtS);
        }
    }
}
