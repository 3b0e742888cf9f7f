/**
 * `{% segment "vip" %}…{% else %}…{% endsegment %}`: dynamic content for marketers who should not need to know
 * that `segments` is a list. Equivalent to `{% if segments contains "vip" %}…{% else %}…{% endif %}`; the name may
 * also be a variable (`{% segment message.audience %}`).
 */
import {
  Tag,
  Value,
  toValue,
  type Context,
  type Emitter,
  type Liquid,
  type Parser,
  type TagToken,
  type Template,
  type TopLevelToken,
} from 'liquidjs';

export class SegmentTag extends Tag {
  private readonly segmentName: Value;
  private readonly memberTemplates: Template[] = [];
  private readonly otherTemplates: Template[] = [];

  constructor(tagToken: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(tagToken, remainTokens, liquid);
    if (tagToken.args.trim() === '') {
      throw new Error('{% segment %} needs a segment name, e.g. {% segment "vip" %}');
    }
    this.segmentName = new Value(tagToken.tokenizer.readFilteredValue(), liquid);
    let target = this.memberTemplates;
    const stream = parser
      .parseStream(remainTokens)
      .on('tag:else', () => {
        target = this.otherTemplates;
      })
      .on('tag:endsegment', () => stream.stop())
      .on('template', (template: Template) => {
        target.push(template);
      })
      .on('end', () => {
        throw new Error(`tag ${tagToken.getText()} not closed: add {% endsegment %}`);
      });
    stream.start();
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const name: unknown = toValue(yield this.segmentName.value(ctx));
    const segments: unknown = ctx.getSync(['segments']);
    const isMember = Array.isArray(segments) && typeof name === 'string' && segments.includes(name);
    yield this.liquid.renderer.renderTemplates(
      isMember ? this.memberTemplates : this.otherTemplates,
      ctx,
      emitter,
    );
  }
}
