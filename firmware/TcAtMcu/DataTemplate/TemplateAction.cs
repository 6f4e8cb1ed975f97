using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>An action of the template: the cloud calls it with typed inputs, the device answers typed outputs.</summary>
    public sealed class TemplateAction
    {
        public TemplateAction(string id, TemplateValue[] inputs, TemplateValue[] outputs)
        {
            Id = Ascii.Bytes(id);
            Inputs = inputs;
            Outputs = outputs;
        }

        public byte[] Id { get; private set; }
        public TemplateValue[] Inputs { get; private set; }
        public TemplateValue[] Outputs { get; private set; }
    }
}
