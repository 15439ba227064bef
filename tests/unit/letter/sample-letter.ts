import { buildLetter, type Letter, type LetterForm } from '../../../letter';
import { comment, note, profile, sample } from './fixtures';

/**
 * The ten-note sample letter: what a reviewer from an industry association might send on the sample draft
 * (济南市数字经济促进条例(征求意见稿)), every stance, whole articles and passages, long and short texts, an English
 * product name and a URL, two general comments. The rendering tests and the README's pictures use it.
 */
export function tenNotes() {
  return [
    note(3, {
      stance: 'modify',
      suggestion: '促进数字经济发展是本市的重要战略，应当遵循统筹推进、创新驱动、融合发展、普惠共享、安全有序、包容审慎、协同共治、开放合作的原则。',
      reason: '增加“开放合作”原则，与《山东省数字经济促进条例》第三条的表述保持一致，同时体现对外开放的要求。',
    }),
    note(6, { quote: '口岸物流等部门', stance: 'question', suggestion: '“口岸物流”部门具体指哪一部门？' }),
    note(6, {
      stance: 'delete',
      suggestion: '部门职责已由第五条概括规定，本条第二款可不再逐一列举。',
      reason: '列举部门过多，容易遗漏，也不利于今后机构改革后的适用。',
    }),
    note(10, {
      stance: 'add',
      suggestion: '增加一款：“起步区管理机构应当会同市有关部门制定数字经济专项支持政策，并向社会公布。”',
      reason: '起步区实行“管委会+”的管理体制，明确起步区管理机构的职责，便于政策落地。',
    }),
    note(12, { quote: '兼顾', stance: 'modify', suggestion: '将“兼顾”修改为“统筹考虑”', reason: '“兼顾”的要求偏弱，与数字基础设施的先导作用不相称。' }),
    note(21, {
      quote: 'AI服务器',
      stance: 'modify',
      suggestion: '人工智能（AI）服务器',
      reason: '首次出现的英文缩写应当注明中文全称，参照 GB/T 1.1-2020 的要求；术语可查阅 https://www.miit.gov.cn 发布的相关标准。',
    }),
    note(36, {
      stance: 'keep',
      suggestion: '建议保留。',
      reason: '公共数据资源实行统一目录管理，是公共数据共享开放的基础，实践中行之有效。',
    }),
    note(42, {
      stance: 'modify',
      suggestion: '建议明确首席数据官的职责范围、任职条件和考核办法，由市大数据部门另行制定具体办法。',
      reason: '本条仅规定建立首席数据官制度，未规定其职责和考核，实践中难以落实。',
    }),
    note(56, { stance: 'support', suggestion: '同意。', reason: '财政资金支持对中小企业数字化转型至关重要。' }),
    note(65, { stance: 'modify', suggestion: '本条例自2025年1月1日起施行。', reason: '施行日期应当明确。' }),
  ];
}

/** The sample letter in `form`, dated 2024-03-01, signed by the fixtures' profile; `seal` when the notice asks. */
export function sampleLetter(form: LetterForm, seal = false): Letter {
  return buildLetter({
    notice: sample,
    articles: sample.articles,
    notes: tenNotes(),
    comments: [
      comment('条例整体结构合理，重点突出，建议在附则中补充“数字经济核心产业”的定义，并与国家统计局《数字经济及其核心产业统计分类（2021）》保持一致。', 'c-1', 1),
      comment('建议进一步明确数据要素市场培育的具体措施，增强条例的可操作性。', 'c-2', 2),
    ],
    profile,
    options: { form, seal },
    today: '2024-03-01',
  });
}
