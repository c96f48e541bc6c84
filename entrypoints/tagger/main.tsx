import { mountPage } from '../../components/mountPage';
import { TaggerPage } from '../../components/tagging/TaggerPage';

mountPage(<TaggerPage cluesId={location.hash.slice(1)} />);
