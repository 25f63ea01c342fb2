using Hmc.Native.Autodiff;
using Hmc.Native.Ops;

namespace Hmc.Native.Tests.Ops;

public class GraphGrowthTests
{
    [Test]
    public void RecordedGradientsSurviveTheTapeGrowingWhileTheyAccumulate()
    {
        // x feeds two ops, so its recorded adjoint is a sum formed while the backward pass records nodes; with
        // every amount of padding in front, some addition (and the seed) lands exactly where the node arrays grow.
        for (int padding = 0; padding < 140; padding++)
        {
            var tape = new Tape<double>();
            for (int i = 0; i < padding; i++) tape.Constant(0.0);
            var x = tape.Variable([0.3, -0.7]);
            var y = (x.Sin() * x.Cos()).Sum() + x.Square().Sum();
            var g = tape.Gradient(y, x, createGraph: true).ToArray();
            Assert.That(g[0], Is.EqualTo(Math.Cos(0.6) + 0.6).Within(1e-14), $"padding {padding}");
            Assert.That(g[1], Is.EqualTo(Math.Cos(-1.4) - 1.4).Within(1e-14), $"padding {padding}");
        }
    }
}
